"""The Django admin as Rehabplan uses it: the set-up of one municipality's training unit.

`site` is the admin site (who may enter), `scoping` decides which rows of a model a user may
reach, `audited` writes every admin add, change and delete to the audit log, `scoped` is the base
class for configuration admins, and `citizen_data` the read-only base for citizen and case data.
"""
