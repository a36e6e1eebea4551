"""``zhengce serve``: flags become ``ZHENGCE_*`` variables, then uvicorn runs the app factory.

Going through the environment means one path for every worker process (uvicorn starts
them afresh) and for a container configured by variables alone.
"""

from __future__ import annotations

import argparse
import os
import sys

from .config import ENVIRONMENT, ConfigError, ServiceConfig

FLAGS = {  # flag -> variable; a flag given wins over the variable
    "host": "ZHENGCE_HOST", "port": "ZHENGCE_PORT", "workers": "ZHENGCE_WORKERS",
    "decision_log": "ZHENGCE_DECISION_LOG", "access_log": "ZHENGCE_ACCESS_LOG", "plugin": "ZHENGCE_PLUGINS",
    "max_body_bytes": "ZHENGCE_MAX_BODY_BYTES", "max_batch_bytes": "ZHENGCE_MAX_BATCH_BYTES",
    "time_budget": "ZHENGCE_TIME_BUDGET", "batch_time_budget": "ZHENGCE_BATCH_TIME_BUDGET",
    "graceful_timeout": "ZHENGCE_GRACEFUL_TIMEOUT",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``zhengce serve`` on the CLI's subcommands."""
    env = "\n".join(f"  {var:<26} {text}" for var, (_, text) in ENVIRONMENT.items())
    p = sub.add_parser("serve", help="run the HTTP service (needs zhengce[serve])",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog=f"environment (a flag wins over its variable):\n{env}")
    p.add_argument("--host", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument("--workers", type=int, help="worker processes (default 1)")
    p.add_argument("--decision-log", metavar="PATH|-|off", help="decision log file, - for stdout (default), off")
    p.add_argument("--access-log", choices=("on", "off"), help="structured access log on stderr (default on)")
    p.add_argument("--plugin", action="append", metavar="MODULE:ATTR", help="also register this plugin object")
    p.add_argument("--max-body-bytes", type=int, help="largest case or result body (default 1 MiB)")
    p.add_argument("--max-batch-bytes", type=int, help="largest batch body (default 256 MiB)")
    p.add_argument("--time-budget", type=float, help="seconds per evaluation request (default 10)")
    p.add_argument("--batch-time-budget", type=float, help="seconds per batch request (default 600)")
    p.add_argument("--graceful-timeout", type=float, help="seconds to finish open requests on SIGTERM (default 30)")


def run(args: argparse.Namespace) -> int:
    """Start uvicorn with the app factory; return when it has shut down (SIGINT/SIGTERM: gracefully)."""
    for flag, var in FLAGS.items():
        value = getattr(args, flag, None)
        if value is not None:
            os.environ[var] = ",".join(value) if isinstance(value, list) else str(value)
    if args.block:
        os.environ["ZHENGCE_BLOCK"] = ",".join(args.block)
    try:
        config = ServiceConfig.from_env()
        import uvicorn

        from .app import build_kernel
        from .decision_log import DecisionLog

        build_kernel(config)  # fail here, with the reason, rather than in every worker
        DecisionLog(config.decision_log).close()
    except (ConfigError, OSError) as exc:
        print(f"zhengce serve: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"zhengce serve needs the serve extra (pip install 'zhengce[serve]'): {exc}", file=sys.stderr)
        return 1
    uvicorn.run("zhengce.kernel.service.app:app_from_env", factory=True, host=config.host, port=config.port,
                workers=config.workers, access_log=False, proxy_headers=False, server_header=False,
                timeout_graceful_shutdown=config.graceful_timeout, lifespan="on")
    return 0
