"""The citizen's self-service pages under /borger/: phone-first, plain Danish, and reached only
with a citizen's login (never a staff login)."""
