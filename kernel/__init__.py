"""zhengce kernel: the public API plugins and hosts import.

Hosts::

    from zhengce.kernel import Kernel
    record = Kernel().evaluate(case_dict, as_of=date(2024, 9, 1))

Plugins::

    from zhengce.kernel import hookimpl, FactSection, PolicySpec, PluginInfo, load_parameters
    from zhengce.kernel.rules import Conditions, Calculation, fact
"""

from __future__ import annotations

from .hookspecs import hookimpl, hookspec
from .kernel import (
    ENTRY_POINT_GROUP,
    KERNEL_VERSION,
    Kernel,
    LoadProblem,
    PluginLoadError,
    PolicyEvaluationError,
    RegisteredPolicy,
    SectionOwner,
    plugin_set_id,
)
from .parameters import (
    Document,
    Parameter,
    ParameterFileError,
    ParameterSet,
    ParameterValue,
    Ratio,
    Rounding,
    load_parameters,
    load_parameters_file,
)
from .plugin_base import RulesPlugin, distribution_version
from .policy import (
    NATIONAL,
    CombinedCap,
    EvaluationContext,
    ExclusiveWith,
    FactSection,
    Jurisdiction,
    LocalWindow,
    NotAgain,
    PluginInfo,
    PolicySpec,
    TopUp,
    WithinBounds,
)

__all__ = [
    "CombinedCap", "ExclusiveWith", "Jurisdiction", "LocalWindow", "NATIONAL", "NotAgain", "TopUp", "WithinBounds",
    "Document", "ENTRY_POINT_GROUP", "EvaluationContext", "FactSection", "SectionOwner", "plugin_set_id", "KERNEL_VERSION", "Kernel", "LoadProblem",
    "Parameter", "ParameterFileError", "ParameterSet", "ParameterValue", "PluginInfo",
    "PluginLoadError", "PolicyEvaluationError", "PolicySpec", "Ratio", "RegisteredPolicy",
    "Rounding", "RulesPlugin", "distribution_version", "hookimpl", "hookspec", "load_parameters",
    "load_parameters_file",
]
