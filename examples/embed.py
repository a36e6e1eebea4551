"""Embed zhengce in a Python host: build a Kernel, evaluate a case object, print the explanation.

Run:  .venv/bin/python examples/embed.py   (after `python3 dev.py example` has created .venv)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhengce.contracts import Applicant, ApplicantType, Status
from zhengce.kernel import Kernel
from zhengce_tradein.facts import Fuel, ScrappageApplication, Vehicle, VehicleClass
from zhengce_tradein.plugin import plugin as tradein


def main() -> None:
    kernel = Kernel([tradein])  # explicit plugins: exactly what runs, whatever is installed
    # The case class is composed from the shared sections and the plugins' own sections.
    case = kernel.case_type(
        case_id="embed-demo",
        applicant=Applicant(type=ApplicantType.INDIVIDUAL_CONSUMER),
        old_vehicle=Vehicle(vehicle_class=VehicleClass.SMALL_PASSENGER, fuel=Fuel.DIESEL,
                            registration_date=date(2012, 3, 1), in_applicant_name_since=date(2012, 3, 1)),
        new_vehicle=Vehicle(vehicle_class=VehicleClass.SMALL_PASSENGER, fuel=Fuel.GASOLINE,
                            displacement_l=Decimal("1.5"), in_applicant_name=True),
        scrappage_application=ScrappageApplication(
            submitted_on=date(2024, 10, 8), invoice_province="510000",
            scrap_certificate_on=date(2024, 9, 20), scrap_certificate_by_qualified_dismantler=True,
            deregistration_certificate_on=date(2024, 9, 22), sales_invoice_on=date(2024, 9, 30),
            registration_certificate_on=date(2024, 10, 2)),
    )
    record = kernel.evaluate(case, as_of=date(2024, 10, 15))
    for result in record.results:
        print(f"{result.policy_id} ({result.distribution} {result.version}): {result.status.value}")
        if result.status is Status.APPLIES:
            for amount in result.evaluation.amounts:
                print(f"  {amount.name} = {amount.value} {amount.unit}")
        for lang in ("zh", "en"):
            explanation = kernel.explain(result, lang)
            print(f"\n[{lang}] {explanation.title}: {explanation.summary}")
            for line in explanation.lines:
                cite = f"  ⟨{line.citation.document} {line.citation.article}⟩" if line.citation else ""
                print(f"  {line.text}{cite}")


if __name__ == "__main__":
    main()
