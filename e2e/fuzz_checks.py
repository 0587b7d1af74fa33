"""Podium's own schemathesis check, loaded through SCHEMATHESIS_HOOKS by e2e/fuzz_api.py."""
import json

import schemathesis


@schemathesis.check
def problem_json_for_client_errors(ctx, response, case):
    """Every 4xx answer is an RFC 9457 problem document that says what went wrong."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"{response.status_code} answered with {content_type or 'no content type'}, not application/problem+json")
    try:
        problem = json.loads(response.content or b"null")
    except ValueError as error:
        raise AssertionError(f"{response.status_code} problem document is not JSON: {error}")
    if not isinstance(problem, dict):
        raise AssertionError(f"{response.status_code} problem document is not an object")
    missing = [key for key in ("type", "title", "status", "code") if key not in problem]
    if missing:
        raise AssertionError(f"{response.status_code} problem document lacks {', '.join(missing)}")
    if problem["status"] != response.status_code:
        raise AssertionError(f"problem document says status {problem['status']} on a {response.status_code} answer")
    return None
