"""Quality standards in the admin: a superuser adds a municipality by uploading its standard file,
a municipality's administrator uploads a new version of its own. Both go through
`rehabplan.organisation.standards.services.standard_upload`, which validates, stores and audits."""
