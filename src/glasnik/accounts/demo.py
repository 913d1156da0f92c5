"""The demo accounts' public credentials. The demo command (glasnik.site) creates the accounts
with them; the system check refuses to serve a production site where they work."""

DEMO_PASSWORD = "glasnik-demo-2026"  # noqa: S105 - printed on purpose: demo logins only
# Base32, so any authenticator app accepts it; shared by every demo account that needs MFA.
DEMO_TOTP_SECRET = "GLASNIKDEMOSECRETTOTPGLASNIKDEMO"  # noqa: S105
EMAIL_DOMAIN = "demo.glasnik.test"
