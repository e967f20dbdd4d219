"""The one error type that services raise for a refused operation."""

from __future__ import annotations


class ApplicationError(Exception):
    """A rule refused the operation; nothing was changed.

    `code` is stable for API clients, `message` is Vietnamese for people, `fields` names the bad inputs.
    """

    def __init__(self, code: str, message: str, *, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}

    @classmethod
    def forbidden(cls, message: str, field: str = "permission") -> ApplicationError:
        """The actor may not do this; APIs answer 403."""
        return cls("forbidden", message, fields={field: "forbidden"})

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "fields": self.fields}
