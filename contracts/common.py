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


class EnterpriseSize(str, enum.Enum):
    """Enterprise size class (划型标准 工信部联企业〔2011〕300号 — thresholds are external to the seed)."""

    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"
    MICRO = "micro"


@attrs.frozen(kw_only=True)
class Enterprise:
    """Basic facts of an enterprise that several domains read.

    Domain-specific attributes (a list membership, a plan, a loan) belong in the
    domain's own sections, not here.
    """

    name: str | None = None
    credit_code: str | None = None  # 统一社会信用代码
    province: str | None = None  # name or GB/T 2260 code
    size: EnterpriseSize | None = None
    industry_code: str | None = None  # GB/T 4754 code
