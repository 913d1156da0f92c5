"""The surveys pages: building, answering, invitations, results and XLSForm."""
