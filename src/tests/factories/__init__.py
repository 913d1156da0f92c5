"""Test data builders, one module per app (factory_boy).

Each factory builds a valid object with sensible defaults; pass only what a test is about.
Rows for the objects a test starts from (an organisation, a network, a programme and its
events, enrolments, registrations) are written directly, not through the services: the
services need an acting organiser, write audit entries and send mail, which the tests of
those services count; a test of a service calls the service itself. Where a row carries
derived state that only a service keeps right (a membership's search text, a person's
verified address), the factory goes through the service or writes the derived row too.

Import factories by name: `from factories.programs import ProgramFactory`.
"""
