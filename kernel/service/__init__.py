"""zhengce as an HTTP service: ``zhengce serve`` (Starlette under uvicorn; needs the ``serve`` extra).

    pip install 'zhengce[serve]'
    zhengce serve --host 127.0.0.1 --port 8000 --workers 2

The OpenAPI 3.1 document (``GET /openapi.json``) embeds the kernel's own case and decision
schemas; every evaluation is appended to a decision log.  See docs/service.md.
"""

from __future__ import annotations

DESCRIPTION = (
    "Rules-as-code for 2024 Chinese enterprise-support policy. POST a case (the `Case` schema, composed from the "
    "installed plugins' fact sections) to /v1/evaluate and get its decision record (`Decision`, "
    "zhengce.decision/1). Bad input is a 422 listing every problem by path; a failing plugin is a result of "
    "status `error`. Every evaluation is appended to the decision log (docs/service.md)."
)

__all__ = ["DESCRIPTION", "ServiceConfig", "create_app"]


def __getattr__(name: str):  # the ASGI stack is imported only when used (it is an optional extra)
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "ServiceConfig":
        from .config import ServiceConfig

        return ServiceConfig
    raise AttributeError(name)
