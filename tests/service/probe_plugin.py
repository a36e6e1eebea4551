"""A test plugin for the service: one policy that raises, one that takes its time.

The service's tests register it through ``ZHENGCE_PLUGINS=tests.service.probe_plugin:plugin``
(the way an operator adds a plugin object that is not installed as an entry point).
"""

from __future__ import annotations

import time
from decimal import Decimal

import attrs

from zhengce.contracts import Amount, Applicability, Evaluation, Status, Text
from zhengce.contracts.domains import count
from zhengce.kernel import FactSection, PluginInfo, PolicySpec, hookimpl


@attrs.frozen(kw_only=True)
class ServiceProbe:
    """Makes the probe's policies fail (``fail``) or take ``sleep_ms`` milliseconds."""

    fail: bool | None = None
    sleep_ms: int | None = count(maximum=6000)


class ProbePlugin:
    @hookimpl
    def declare_plugin(self):
        return PluginInfo(name="probe", distribution="zhengce-probe", version="0.0.1")

    @hookimpl
    def declare_sections(self):
        return (FactSection(name="service_probe", type=ServiceProbe, title=Text(zh="服务测试", en="service probe")),)

    @hookimpl
    def declare_policies(self):
        return (PolicySpec(id="probe.fails", title=Text(zh="会失败", en="fails"), facts=("service_probe",)),
                PolicySpec(id="probe.slow", title=Text(zh="很慢", en="slow"), facts=("service_probe",)))

    @hookimpl
    def applies_to(self, policy, case, context):
        probe = case.service_probe
        if policy.id == "probe.fails" and probe.fail:
            raise RuntimeError("the probe fails on purpose")
        if policy.id == "probe.slow" and probe.sleep_ms:
            time.sleep(probe.sleep_ms / 1000)
        return Applicability(status=Status.APPLIES)

    @hookimpl
    def evaluate(self, policy, case, context, applicability):
        return Evaluation(amounts=(Amount(name="probe", value=Decimal("1.00")),))


plugin = ProbePlugin()
