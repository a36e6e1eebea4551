"""Case sections: one mixin per domain, names unique across domains, all optional."""

import attrs

from zhengce.contracts import SECTIONS, Case
from zhengce.contracts.case import Case as CaseClass


def test_section_names_are_unique_across_domain_mixins():
    seen = {}
    for base in CaseClass.__mro__[1:]:
        if attrs.has(base):
            for f in attrs.fields(base):
                if not f.inherited:
                    assert f.name not in seen, f"section {f.name!r} defined by {seen.get(f.name)} and {base.__name__}"
                    seen[f.name] = base.__name__


def test_every_section_is_optional():
    for f in attrs.fields(Case):
        assert f.default is None, f"{f.name} must default to None"


def test_empty_case_is_valid():
    assert Case() == Case()
    assert "case_id" not in SECTIONS
