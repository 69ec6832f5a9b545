"""The API's one error shape: {"error": {"code", "message", "parameter"}}."""

from django.http import JsonResponse


class ApiError(Exception):
    """Raised by API code to answer with a JSON error; ``parameter`` names the bad query or path parameter."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter


def not_found(what: str, value: object, parameter: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what} {value!s}", parameter)


def error_response(status: int, code: str, message: str, parameter: str | None = None) -> JsonResponse:
    response = JsonResponse(
        {"error": {"code": code, "message": message, "parameter": parameter}},
        status=status,
        content_type="application/json; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    return response
