"""The service's settings: one frozen object, read from ``ZHENGCE_*`` environment variables.

``zhengce serve`` turns its flags into these variables before it starts uvicorn, so every
worker process (uvicorn spawns them afresh) reads the same settings the same way, and a
container can set them without flags.  A flag wins over the variable it sets.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping

import attrs

#: environment variable -> (ServiceConfig field, what it means); docs/service.md lists the same
ENVIRONMENT = {
    "ZHENGCE_HOST": ("host", "address to bind (default 127.0.0.1)"),
    "ZHENGCE_PORT": ("port", "port to bind (default 8000)"),
    "ZHENGCE_WORKERS": ("workers", "worker processes (default 1)"),
    "ZHENGCE_BLOCK": ("block", "comma-separated plugin names not to load"),
    "ZHENGCE_PLUGINS": ("plugins", "comma-separated extra plugin objects to register, 'module:attribute'"),
    "ZHENGCE_DECISION_LOG": ("decision_log", "decision log: a file path, '-' for stdout (default), 'off'"),
    "ZHENGCE_ACCESS_LOG": ("access_log", "structured access log on stderr: 'on' (default) or 'off'"),
    "ZHENGCE_MAX_BODY_BYTES": ("max_body_bytes", "largest body of one case or result (default 1048576)"),
    "ZHENGCE_MAX_BATCH_BYTES": ("max_batch_bytes", "largest body of a batch to screen (default 268435456)"),
    "ZHENGCE_TIME_BUDGET": ("time_budget", "seconds an evaluation or explanation may take (default 10)"),
    "ZHENGCE_BATCH_TIME_BUDGET": ("batch_time_budget", "seconds a batch may take (default 600)"),
    "ZHENGCE_GRACEFUL_TIMEOUT": ("graceful_timeout", "seconds to finish open requests on SIGTERM (default 30)"),
}


class ConfigError(ValueError):
    """A setting that cannot be read (names the variable)."""


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def _switch(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "on", "true", "yes"):
        return True
    if value in ("0", "off", "false", "no"):
        return False
    raise ValueError(f"expected on or off, not {text!r}")


def _positive(kind: type) -> object:
    def check(_: object, attribute: attrs.Attribute, value: float) -> None:
        if not isinstance(value, kind) or isinstance(value, bool) or not math.isfinite(value) or value <= 0:
            raise ConfigError(f"{attribute.name} must be a positive {kind.__name__}, not {value!r}")
    return check


@attrs.frozen(kw_only=True)
class ServiceConfig:
    """Everything ``zhengce serve`` can be told (see :data:`ENVIRONMENT`)."""

    host: str = "127.0.0.1"
    port: int = attrs.field(default=8000, validator=_positive(int))
    workers: int = attrs.field(default=1, validator=_positive(int))
    block: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    decision_log: str = "-"
    access_log: bool = True
    max_body_bytes: int = attrs.field(default=1 << 20, validator=_positive(int))
    max_batch_bytes: int = attrs.field(default=256 << 20, validator=_positive(int))
    time_budget: float = attrs.field(converter=float, default=10.0, validator=_positive(float))
    batch_time_budget: float = attrs.field(converter=float, default=600.0, validator=_positive(float))
    graceful_timeout: float = attrs.field(converter=float, default=30.0, validator=_positive(float))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServiceConfig:
        """Read the ``ZHENGCE_*`` variables (an unset or empty one keeps the default)."""
        environ = os.environ if environ is None else environ
        types = {f.name: f.type for f in attrs.fields(cls)}
        values: dict[str, object] = {}
        for var, (name, _) in ENVIRONMENT.items():
            text = environ.get(var, "").strip()
            if not text:
                continue
            kind = types[name]
            try:
                if kind in ("tuple[str, ...]",):
                    values[name] = _names(text)
                elif kind == "bool":
                    values[name] = _switch(text)
                elif kind == "int":
                    values[name] = int(text)
                elif kind == "float":
                    values[name] = float(text)
                else:
                    values[name] = text
            except ValueError as exc:
                raise ConfigError(f"{var}={text!r}: {exc}") from None
        try:
            return cls(**values)
        except ConfigError as exc:
            var = next((v for v, (n, _) in ENVIRONMENT.items() if str(exc).startswith(n + " ")), "ZHENGCE_*")
            raise ConfigError(f"{var}: {exc}") from None

    def to_env(self) -> dict[str, str]:
        """The variables that reproduce this configuration (what ``zhengce serve`` exports to its workers)."""
        out = {}
        for var, (name, _) in ENVIRONMENT.items():
            value = getattr(self, name)
            if isinstance(value, tuple):
                out[var] = ",".join(value)
            elif isinstance(value, bool):
                out[var] = "on" if value else "off"
            else:
                out[var] = str(value)
        return out
