"""``zhengce ask``: the terminal interview asks, updates, re-evaluates, and writes the completed case."""

from __future__ import annotations

import io
import json
import sys

from zhengce.kernel.cli import main

CASE = {
    "applicant": {"type": "individual_consumer"},
    "old_vehicle": {"vehicle_class": "small_passenger", "fuel": "gasoline", "registration_date": "2010-05-18",
                    "in_applicant_name_since": "2015-03-02"},
    "new_vehicle": {"vehicle_class": "small_passenger", "in_applicant_name": True},
    "scrappage_application": {"submitted_on": "2024-09-10", "invoice_province": "广东省", "scrap_certificate_on": "2024-09-01",
                              "deregistration_certificate_on": "2024-09-02", "sales_invoice_on": "2024-09-05",
                              "registration_certificate_on": "2024-09-06"},
}


def test_the_interview_asks_in_order_until_nothing_can_change(tmp_path, monkeypatch, capsys):
    path = tmp_path / "car.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("true\n4\ntrue\n"))  # dismantler, fuel [4] nev, in the catalogue
    assert main(["ask", str(path), "--as-of", "2024-09-20", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    asked = [line.split("?")[0] for line in out.splitlines() if "? (for" in line]
    assert asked == ["scrappage_application.scrap_certificate_by_qualified_dismantler", "new_vehicle.fuel",
                     "new_vehicle.in_nev_catalogue"]
    assert "Nothing left that could change a result." in out and "tradein.car_scrappage_subsidy: applies" in out
    done = json.loads((tmp_path / "car.completed.json").read_text(encoding="utf-8"))
    assert done["new_vehicle"] == {"vehicle_class": "small_passenger", "fuel": "nev", "in_nev_catalogue": True, "in_applicant_name": True}
    assert done["scrappage_application"]["scrap_certificate_by_qualified_dismantler"] is True


def test_the_person_may_stop_and_a_bad_answer_is_asked_again(tmp_path, monkeypatch, capsys):
    path = tmp_path / "car.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    out_file = tmp_path / "partial.json"
    monkeypatch.setattr(sys, "stdin", io.StringIO("maybe\nfalse\n\n"))
    assert main(["ask", str(path), "--as-of", "2024-09-20", "--out", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert "✗" in out  # "maybe" is not a boolean
    done = json.loads(out_file.read_text(encoding="utf-8"))
    assert done["scrappage_application"]["scrap_certificate_by_qualified_dismantler"] is False
    assert "fuel" not in done["new_vehicle"]


def test_the_interview_page_endpoint_returns_results_questions_and_gaps(tmp_path):
    """``/api/step`` (what the page posts after each answer), without a browser."""
    import threading
    import urllib.request
    from datetime import date

    from zhengce.kernel import Kernel
    from zhengce.kernel.interview import make_server
    from zhengce_tradein.plugin import plugin as tradein

    (tmp_path / "car.json").write_text(json.dumps(CASE), encoding="utf-8")
    server = make_server(Kernel([tradein]), tmp_path, "127.0.0.1", 0, as_of=date(2024, 9, 20))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert "car" in json.loads(urllib.request.urlopen(base + "/api/situations").read())
        assert b"<script>" in urllib.request.urlopen(base + "/").read()
        req = urllib.request.Request(base + "/api/step", data=json.dumps({"case": CASE, "lang": "en"}).encode(), method="POST")
        data = json.loads(urllib.request.urlopen(req).read())
        assert [q["fact"] for q in data["questions"]][:2] == ["scrappage_application.scrap_certificate_by_qualified_dismantler", "new_vehicle.fuel"]
        assert data["questions"][0]["answers"] == [True, False] and data["results"][0]["status"] == "cannot_tell"
        assert data["total"] == "0"
    finally:
        server.shutdown()
        server.server_close()
