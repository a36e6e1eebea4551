#!/usr/bin/env python3
"""One entry point for a fresh machine with only Python 3.11+.

    python3 dev.py example   # evaluate an example case and print the explained result
    python3 dev.py test      # run every test: kernel, contracts and all plugins
    python3 dev.py bench     # run the throughput benchmark (prints JSON)
    python3 dev.py docs      # generate the policy explorer and build the site into site/ (strict)
    python3 dev.py install PATH...   # also install an outside plugin (editable) into .venv

It creates ``.venv`` on first use (or ``$ZHENGCE_VENV``) and installs the kernel
and every plugin under ``plugins/`` in editable mode, again only when a
``pyproject.toml`` or a plugin's version changed.  Extra arguments go to the underlying command.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("ZHENGCE_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
EXAMPLE = ROOT / "examples" / "cases" / "car_scrappage_nev_guangdong.json"


def plugin_dirs() -> list[Path]:
    return sorted(p.parent for p in (ROOT / "plugins").glob("*/pyproject.toml"))


def bootstrap(extras: tuple[str, ...] = ("test",)) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"zhengce needs Python 3.11+, this is {sys.version.split()[0]}")
    # what an install depends on: the project files and each plugin's version (its package __init__)
    files = [ROOT / "pyproject.toml", Path(__file__)]
    for d in plugin_dirs():
        files += [d / "pyproject.toml", *sorted(d.glob("zhengce_*/__init__.py"))]
    digest = hashlib.sha256(b"".join(str(f.relative_to(ROOT)).encode() + f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / ".zhengce-installed"
    # the stamp records the digest and the extras installed with it; a task needing more extras reinstalls
    installed = stamp.read_text().split() if stamp.exists() and PY.exists() else []
    if installed[:1] == [digest] and set(extras) <= set(installed[1:]):
        return
    extras = tuple(sorted(set(extras) | set(installed[1:])))  # keep what an earlier task installed
    if installed[:1] == [digest]:  # same sources, an extra is missing: add only what it brings
        print(f"[dev] installing the extras {', '.join(extras)}", file=sys.stderr)
        subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-e", f"{ROOT}[{','.join(extras)}]"], check=True, cwd=ROOT)
        stamp.write_text(" ".join([digest, *extras]))
        return
    if not PY.exists():
        print(f"[dev] creating {VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    args = [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f"{ROOT}[{','.join(extras)}]"]
    for d in plugin_dirs():
        args += ["-e", str(d)]
    print("[dev] installing zhengce and plugins: " + ", ".join(d.name for d in plugin_dirs()), file=sys.stderr)
    subprocess.run(args, check=True, cwd=ROOT)
    byte_compile()
    stamp.write_text(" ".join([digest, *extras]))


def byte_compile() -> None:
    """Byte-compile the project's sources: where PYTHONDONTWRITEBYTECODE is set, Python never writes
    .pyc files but still reads them, and compiling ~300 modules at every start doubled the CLI's
    (only what changed since is compiled again)."""
    subprocess.run([str(PY), "-m", "compileall", "-q", "-j", "0", "kernel", "contracts", "plugins", "examples"],
                   cwd=ROOT, check=False, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task not in ("example", "test", "bench", "install", "docs"):
        print(__doc__)
        return 0 if task == "help" else 2
    bootstrap(("test", "docs") if task == "docs" else ("test",))
    if task == "install":  # a third party's plugin developed next to the project's
        if not rest:
            print("usage: python3 dev.py install PATH...", file=sys.stderr)
            return 2
        args = [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        return subprocess.run([*args, *(a for path in rest for a in ("-e", path))], cwd=ROOT).returncode
    if task == "example":
        cmd = [str(BIN / "zhengce"), "evaluate", str(rest[0] if rest else EXAMPLE), *rest[1:]]
    elif task == "docs":  # generate the pages from the installed plugins, then build strictly
        out = ROOT / "build" / "docs"
        gen = subprocess.run([str(PY), "-m", "zhengce.kernel.explorer", str(out)], cwd=ROOT)
        if gen.returncode:
            return gen.returncode
        cmd = [str(BIN / "mkdocs"), "build", "--strict", "--config-file", str(out / "mkdocs.yml"),
               "--site-dir", str(ROOT / "site"), *rest]
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, not a build problem
    elif task == "test":
        cmd = [str(PY), "-m", "pytest", *rest]
    else:
        byte_compile()  # the start-up figure measures the installed sources, not the compiler (edited since)
        cmd = [str(PY), str(ROOT / "benchmarks" / "car_throughput.py"), *rest]
    return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
