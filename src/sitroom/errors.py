"""sitroom's errors, in one place. The CLI maps them to exit codes, the web and the API to HTTP statuses."""

from __future__ import annotations


class SitroomError(Exception):
    """Base of every error sitroom reports to a person. The message names the problem."""

    exit_code = 1
    http_status = 400
    code = "error"

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def as_dict(self) -> dict[str, str]:
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class InputError(SitroomError):
    """A file, form field, API payload or import row that cannot be used as given."""

    code = "invalid_input"


class DecodeError(InputError):
    code = "undecodable"


class ValidationError(SitroomError):
    """A record that breaks a rule of the domain (negative count, illegal status change...)."""

    code = "invalid"


class NotFound(SitroomError):
    exit_code = 3
    http_status = 404
    code = "not_found"


class PermissionDenied(SitroomError):
    exit_code = 4
    http_status = 403
    code = "forbidden"


class ConfigurationError(SitroomError):
    exit_code = 78
    http_status = 500
    code = "configuration"
