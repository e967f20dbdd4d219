"""Dossier API (issue 6): the work queue, one dossier, receipt, one endpoint per lifecycle action, and the
public status lookup and rating. One view per operation, each with its own serializers; every write goes
through `motcua.dossiers.services` and every read through `motcua.dossiers.selectors`.

Errors have the project's shape `{"error": {"code", "message", "fields"}}` (motcua.common.api):
400 invalid input or a rule's refusal, 403 forbidden, 404 not visible, 409 stale revision ("conflict")
or an action the status does not allow ("illegal_transition"), 429 too many public lookups."""
