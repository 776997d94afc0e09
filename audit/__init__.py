"""The audit log: every recorded change, read-only, for programme administrators.

The top layer: it reads the history of the models each app declares it audits
(`core.audit_registry`, filled in each app's `AppConfig.ready`); no app reads it.
"""
