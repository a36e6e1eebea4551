"""Hook specifications of zhengce.

A plugin is any object (usually a module) with functions marked ``@hookimpl``
whose names are the hooks below.  The kernel calls the *declaration* hooks
once, when the plugin is registered, and the *evaluation* hooks once per
policy and case, on the plugin that declared the policy only: a plugin never
sees another plugin's policies, and registration order never matters.

Every hook is ``firstresult``: a plugin answers for its own policies.  An
exception raised by a hook becomes an ``error`` result naming the plugin,
the policy and the exception (unless the kernel runs in strict mode); the
other policies complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from zhengce.contracts import Applicability, Case, Evaluation, Explanation, PolicyResult

    from .policy import EvaluationContext, FactSection, PluginInfo, PolicySpec
    from .vector import Columns, ColumnVerdict

PROJECT = "zhengce"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec(firstresult=True)
def declare_plugin() -> PluginInfo | None:
    """Declare the plugin's name, distribution and version.

    :return: a :class:`~zhengce.kernel.PluginInfo`.  ``None`` lets the kernel
        use the entry-point name and the installed distribution's metadata (or
        the name given to :meth:`Kernel.register`).

    Called once, when the plugin is registered.  For an installed plugin the
    distribution's metadata wins over what this hook says.
    """


@hookspec(firstresult=True)
def declare_sections() -> Sequence[FactSection] | None:
    """Declare the fact sections this plugin owns.

    :return: :class:`~zhengce.kernel.FactSection` objects, each a top-level key of
        a case and the attrs class its value is validated into.  ``None``: the
        plugin's policies read only shared sections or sections of the plugins it
        ``requires``.

    Called once, when the plugin is registered.  The kernel composes the case
    contract from every registered plugin's sections: validating a case
    structures each section with its owner's class, and the JSON Schema of
    ``zhengce schema`` names the owner of each section.  A section name claimed
    by two plugins is refused for both (whatever the order they were registered
    in), so is a name the core owns (``case_id``, ``applicant``, ``enterprise``);
    a malformed class makes the plugin fail to load.
    """


@hookspec(firstresult=True)
def declare_policies() -> Sequence[PolicySpec] | None:
    """Declare the policies this plugin decides.

    :return: the plugin's :class:`~zhengce.kernel.PolicySpec` objects, each
        with its id (``<plugin>.<name>``), titles, the case sections it reads
        and its parameters.  ``None`` or an empty sequence: the plugin declares
        no policy (it is listed, but never called).

    Called once, when the plugin is registered.  A malformed declaration makes
    the plugin fail to load (reported by ``zhengce plugins``); other plugins
    are unaffected.  A policy id must start with the plugin's name, so two
    plugins can never claim the same policy.
    """


@hookspec(firstresult=True)
def applies_to(policy: PolicySpec, case: Case, context: EvaluationContext) -> Applicability | None:
    """Decide whether ``policy`` applies to ``case``.

    :param policy: one of the policies this plugin declared.
    :param case: the case; it carries at least one section ``policy.facts`` names.
    :param context: ``as_of`` and ``known_at`` of the evaluation.
    :return: an :class:`~zhengce.contracts.Applicability` with status
        ``applies``, ``does_not_apply`` or ``cannot_tell`` (then ``missing``
        lists every fact path needed) and the condition steps, each cited.
        ``None`` is a plugin bug: the kernel reports it as an error result.

    Called once per routed policy and case, before :func:`evaluate`.  The
    kernel has already checked that a known document of the policy is in
    force ``as_of``.
    """


@hookspec(firstresult=True)
def evaluate(
    policy: PolicySpec, case: Case, context: EvaluationContext, applicability: Applicability
) -> Evaluation | None:
    """Compute what ``policy`` yields or demands for ``case``.

    :param policy: one of the policies this plugin declared.
    :param case: the case.
    :param context: ``as_of`` and ``known_at`` of the evaluation.
    :param applicability: what :func:`applies_to` returned; always ``applies``.
    :return: an :class:`~zhengce.contracts.Evaluation`: named amounts
        (``Decimal``, rounded as the policy's parameters declare) and the
        arithmetic steps, each cited.  ``None`` means the policy yields nothing
        to compute (a pure eligibility policy).

    Called only when :func:`applies_to` said ``applies``.
    """


@hookspec(firstresult=True)
def screen_columns(policy: PolicySpec, columns: Columns, context: EvaluationContext) -> ColumnVerdict | None:
    """Decide ``policy`` for a whole batch of registry rows at once (optional).

    :param policy: one of the policies this plugin declared.
    :param columns: a :class:`~zhengce.kernel.vector.Columns` batch in the flat layout
        (``section.field`` columns): rows the kernel has validated (each loads as a case without a
        problem), that reach the policy and pass its time gate.
    :param context: ``as_of`` and ``known_at``; ``trace`` is False (screening keeps no trace).
    :return: a :class:`~zhengce.kernel.vector.ColumnVerdict`: per row, the status the per-case
        hooks would give, the amounts (exact integers in units of the policy's quantum) and the
        missing facts; rows it leaves undecided are evaluated per case.  ``None``: no columnar
        rule (every row is evaluated per case).

    Called by ``zhengce screen`` on tabular input (Parquet), once per batch.  It must agree with
    :func:`applies_to` and :func:`evaluate`: the kernel re-evaluates a sample of each batch per case
    and discards a verdict that disagrees, one that is malformed, raises or overruns its budget.
    """


@hookspec(firstresult=True)
def explain(policy: PolicySpec, result: PolicyResult, lang: str) -> Explanation | None:
    """Explain a result in ``lang`` (``"zh"`` or ``"en"``).

    :param policy: the policy the result is about (declared by this plugin).
    :param lang: ``"zh"`` or ``"en"``.
    :param result: the stamped result of this plugin's ``policy`` for one case.
    :return: an :class:`~zhengce.contracts.Explanation` (a title, a summary
        sentence and one line per step, each with its citation).  ``None``:
        the kernel renders its default explanation from the steps.

    Called when a host or the CLI asks for an explanation, never during
    :meth:`Kernel.evaluate` (screening a registry need not pay for prose).
    """
