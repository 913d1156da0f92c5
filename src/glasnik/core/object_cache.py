"""Caches per object: everything kept about one event, network or person lives under that
object's namespace (its kind and id) and goes with one call, `object_cache_clear`, once the
change that calls it commits.

Each namespace has a version: an entry is kept together with the version it was made under
and counts only while that version is current; a clear gives the namespace a new version. The
version is read (and, when there is none yet, started) before anything is read from the
database, so an entry made from the state before a change is never taken for one made after
it. A page reads the version and every entry it needs in one round trip (`object_cache_read`).

An entry's name starts with the cache it belongs to ("dashboard:networks", "person:grants");
`GLASNIK_BENCH_DISABLE_CACHES` (settings.CACHES_TURNED_OFF) turns caches off by that name, for
the benchmark that measures what each one gains.
"""

import hashlib
import math
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

# A namespace's version outlives its entries; when it expires they are all made afresh.
VERSION_SECONDS = 7 * 24 * 3600
# At most this long for an entry that may change by itself (object_cache_get_until).
UNTIL_SECONDS = 24 * 3600


def _namespace(kind: str, pk) -> str:
    return f"object:v1:{kind}:{pk}"


def _version_key(kind: str, pk) -> str:
    return f"{_namespace(kind, pk)}:version"


def _entry_key(kind: str, pk, name: str) -> str:
    if len(name) > 64:  # a long variant (a directory question) is named by its digest
        name = hashlib.sha256(name.encode()).hexdigest()[:32]
    return f"{_namespace(kind, pk)}:{name}"


def cache_turned_off(name: str) -> bool:
    """Whether the cache `name` ("person", "directory:regions", …) is off for a benchmark."""
    return name.split(":", 1)[0] in settings.CACHES_TURNED_OFF


@dataclass
class ObjectCacheRead:
    """What one round trip found under an object's namespace: the current entries by name
    (an entry made under an older version is missing), and the version that a value made now
    from the database is kept under (`keep`)."""

    kind: str
    pk: Any
    version: str
    found: dict[str, Any] = field(default_factory=dict)

    def __contains__(self, name: str) -> bool:
        return name in self.found

    def get(self, name: str, default=None):
        return self.found.get(name, default)

    def keep(self, name: str, value, timeout: int) -> None:
        if self.version and not cache_turned_off(name):
            cache.set(_entry_key(self.kind, self.pk, name), (self.version, value), timeout)


def object_cache_read(kind: str, pk, names) -> ObjectCacheRead:
    """The current entries `names` of the object (kind, pk), in one round trip."""
    keys = {name: _entry_key(kind, pk, name) for name in names if not cache_turned_off(name)}
    if not keys or pk is None:
        return ObjectCacheRead(kind, pk, version="")
    version_key = _version_key(kind, pk)
    stored = cache.get_many([version_key, *keys.values()])
    version = stored.get(version_key) or _version_start(version_key)
    found = {}
    for name, key in keys.items():
        entry = stored.get(key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version:
            found[name] = entry[1]
    return ObjectCacheRead(kind, pk, version=version, found=found)


def object_cache_read_many(kind: str, pks, name: str) -> dict[Any, ObjectCacheRead]:
    """The entry `name` of each object (kind, pk) in `pks`, all in one round trip: a page
    that lists many objects (a programme's events) reads every row it keeps at once."""
    pks = list(dict.fromkeys(pks))
    if not pks or cache_turned_off(name):
        return {pk: ObjectCacheRead(kind, pk, version="") for pk in pks}
    version_keys = {pk: _version_key(kind, pk) for pk in pks}
    entry_keys = {pk: _entry_key(kind, pk, name) for pk in pks}
    stored = cache.get_many([*version_keys.values(), *entry_keys.values()])
    reads = {}
    for pk in pks:
        version = stored.get(version_keys[pk]) or _version_start(version_keys[pk])
        entry = stored.get(entry_keys[pk])
        found = {}
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version:
            found[name] = entry[1]
        reads[pk] = ObjectCacheRead(kind, pk, version=version, found=found)
    return reads


def object_cache_keep_many(reads, name: str, values: dict, timeout: int) -> None:
    """Keep `values` (by pk) under `name`, each with the version its read found, in one round
    trip."""
    entries = {
        _entry_key(read.kind, read.pk, name): (read.version, values[read.pk])
        for read in reads
        if read.version and read.pk in values
    }
    if entries and not cache_turned_off(name):
        cache.set_many(entries, timeout)


def _version_start(version_key: str) -> str:
    version = secrets.token_hex(8)
    if not cache.add(version_key, version, VERSION_SECONDS):  # another request started one
        version = cache.get(version_key) or version
    return version


def object_cache_get(kind: str, pk, name: str, make, timeout: int):
    """The entry `name` of the object, made by `make()` and kept when it is not current."""
    read = object_cache_read(kind, pk, [name])
    if name in read:
        return read.get(name)
    value = make()
    read.keep(name, value, timeout)
    return value


def object_cache_get_until(kind, pk, name: str, make):
    """The entry `name` of the object, for a value that also changes by itself with time (a
    meeting over, a call closed): `make()` returns the value and the moment it stops being
    right (a datetime; None when only a change to the object ends it), and the value is kept
    until then, or until the object's namespace is cleared. A moment already past keeps
    nothing."""
    read = object_cache_read(kind, pk, [name])
    now = time.time()
    if name in read:
        value, until = read.get(name)
        if until is None or now < until:
            return value
    value, until = make()
    until = until.timestamp() if until is not None else None
    if until is None or until > now:
        timeout = UNTIL_SECONDS if until is None else min(UNTIL_SECONDS, math.ceil(until - now))
        read.keep(name, (value, until), timeout)
    return value


def after_commit(clear) -> None:
    """Run `clear` once the current transaction commits (at once outside one; never when it
    rolls back). The tests, whose own transaction never commits, run it at once."""
    transaction.on_commit(clear)


def object_cache_clear(kind: str, pk) -> None:
    """Everything kept about the object goes, once the current transaction commits."""
    version_key = _version_key(kind, pk)
    after_commit(lambda: cache.set(version_key, secrets.token_hex(8), VERSION_SECONDS))


def object_cache_clear_on_change(model, kind: str, field: str = "pk") -> None:
    """Whenever an instance of `model` is saved or deleted (by a service, the admin or a
    management command), clear the namespace (kind, the instance's `field`: "pk", or the
    key of the object it belongs to, "event_id"): what an object keeps goes with any write to
    what it shows. Connected once, in an app's `ready`."""

    def changed(sender, instance, **kwargs) -> None:
        pk = getattr(instance, field)
        if pk is not None:
            object_cache_clear(kind, pk)

    uid = f"glasnik-object-cache-{model._meta.label_lower}-{kind}-{field}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-saved")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-gone")


def cache_delete_on_commit(*keys: str) -> None:
    """Drop single keys (not about one object: a network found by its address) once the
    current transaction commits."""
    after_commit(lambda: cache.delete_many(list(keys)))
