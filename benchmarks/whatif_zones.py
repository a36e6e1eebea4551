"""Sum a `zhengce whatif --format json` report's provinces by zone (东部/中部/西部, the reference table's
three-zone scheme), payer by payer: the central/local split per region.  A script.

    python benchmarks/whatif_zones.py REPORT.json
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from zhengce.kernel.reference import regions


def main(path: str) -> int:
    report = json.load(open(path, encoding="utf-8"))
    table = regions()
    zones: dict[str, dict[str, dict[str, Decimal]]] = {}
    for name, payers in report["by_province"].items():
        prov = table.province(name)
        zone = table.zone(prov, "three_zone") if prov else "(unplaced)"
        for payer, sums in payers.items():
            z = zones.setdefault(zone, {}).setdefault(payer, {k: Decimal(0) for k in sums})
            for k, v in sums.items():
                z[k] += Decimal(v)
    print(f"| zone | payer | baseline | reform | change |\n|---|---|---:|---:|---:|")
    for zone in sorted(zones):
        for payer, s in sorted(zones[zone].items()):
            print(f"| {zone} | {payer} | {s['baseline']:,} | {s['reform']:,} | {s['change']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
