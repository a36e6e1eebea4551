"""Fact types shared by several domains: who applies, where."""

from __future__ import annotations

import enum

import attrs


class ApplicantType(str, enum.Enum):
    """Legal kind of the party a policy is applied to."""

    INDIVIDUAL_CONSUMER = "individual_consumer"  # 个人消费者
    ENTERPRISE = "enterprise"  # 企业
    INDIVIDUAL_BUSINESS = "individual_business"  # 个体工商户
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位
    OTHER_ORGANISATION = "other_organisation"


@attrs.frozen(kw_only=True)
class Applicant:
    """The person or organisation a case is about.

    ``province`` is a province-level division by Chinese name (``广东省`` or
    ``广东``) or GB/T 2260 code (``440000`` or ``44``).
    """

    type: ApplicantType | None = None
    id: str | None = None
    name: str | None = None
    province: str | None = None
