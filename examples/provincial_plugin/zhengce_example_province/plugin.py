"""The example province: a top-up on the national car subsidy, a local window on it, a local LAT rate
within the national floor — each a declared relation; no national plugin is touched."""

from __future__ import annotations

from zhengce.contracts import Text
from zhengce.kernel import Jurisdiction, LocalWindow, PolicySpec, RulesPlugin, TopUp, WithinBounds, load_parameters

from . import __version__
from .rules import NATIONAL_CAR, car_top_up, lat_local_rate

BY_INVOICE = Jurisdiction(level="provincial", regions=("440000",), placed_by=("scrappage_application.invoice_province",))
BY_PROJECT = Jurisdiction(level="provincial", regions=("440000",), placed_by=("lat_prepayment.province",))

CAR_TOP_UP = PolicySpec(
    id=car_top_up.POLICY_ID, title=Text(zh="汽车报废更新省级加码补贴（示例）", en="Provincial top-up on the car scrappage subsidy (example)"),
    facts=("scrappage_application",), parameters=load_parameters("zhengce_example_province", "parameters/car_top_up.yaml"),
    reads=(NATIONAL_CAR,), jurisdiction=BY_INVOICE, event_date="scrappage_application.submitted_on",
    window=("window.opens", "window.closes"),
    relations=(TopUp(of=NATIONAL_CAR), LocalWindow(of=NATIONAL_CAR)),
)
LAT_LOCAL_RATE = PolicySpec(
    id=lat_local_rate.POLICY_ID, title=Text(zh="土地增值税本省预征率（示例）", en="Provincial land-VAT prepayment rate (example)"),
    facts=("lat_prepayment",), parameters=load_parameters("zhengce_example_province", "parameters/lat_local_rate.yaml"),
    jurisdiction=BY_PROJECT,
    relations=(WithinBounds(of="taxation.lat_prepayment_rate_floor", amount="local_rate", bound="floor_rate", side="floor"),),
)

plugin = RulesPlugin(name="example_province", distribution="zhengce-example-province", fallback_version=__version__,
                     requires={"zhengce-tradein": ">=2,<3", "zhengce-taxation": ">=1.2,<2"},
                     policies=[(CAR_TOP_UP, car_top_up), (LAT_LOCAL_RATE, lat_local_rate)])
