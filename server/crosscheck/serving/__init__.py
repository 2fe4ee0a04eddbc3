"""Serving the claim set: the HTTP API, its OpenAPI document, worker processes, exports."""
