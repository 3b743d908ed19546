/**
 * Names of things: positions, categories, kinds. Keyed `position.X`, `category.X`, … The Chinese
 * names of enum codes come from ENUM_NAMES (enumLabels); only their English is written here.
 */
import type { Bilingual } from "../catalog.js";
import { enumLabels } from "./enum-labels.js";

export const LABEL_MESSAGES = {
  ...enumLabels("position.", "position", {
    branch_head: "branch head",
    deputy_head: "deputy head",
    retail_supervisor: "retail supervisor",
    accounting_supervisor: "accounting supervisor",
    credit_supervisor: "credit supervisor",
    hall_manager: "hall manager",
    lobby_manager: "lobby manager",
    teller: "teller",
    clerk: "clerk",
    security_guard: "security guard",
    cleaner: "cleaner",
    vip_wealth_manager: "VIP wealth manager",
    wealth_manager: "wealth manager",
    loan_manager: "personal-loan manager",
    counter_supervisor: "counter supervisor",
    customer_service: "customer service",
    corporate_manager: "corporate account manager",
    card_sales: "credit-card sales",
    insurance_agent: "insurance agent",
    bank_promoter: "mobile-banking/card promoter",
    company_cashier: "company cashier",
    // issue 24: the manual's own titles
    branch_director: "branch director",
    accountant: "accountant",
    account_manager: "account manager",
    community_contact: "property/neighbourhood committee contact",
  }),
  "category.leader": { zh: "负责人", en: "leader" },
  "category.daily": { zh: "日常交往", en: "daily contact" },
  "category.influencer": { zh: "影响力", en: "influencer" },
  "category.resource": { zh: "客户资源", en: "customer resource" },
  "category.external": { zh: "驻点及往来", en: "external" },
  "ref.person": { zh: "人员或客户", en: "staff member or prospect" },
  "ref.staff": { zh: "人员", en: "staff member" },
  "ref.prospect": { zh: "潜在客户", en: "prospect" },
  "ref.branch": { zh: "支行文件夹", en: "branch folder" },
  "staff.left": { zh: "已离开 {date}", en: "left {date}" },
  "staff.leftWithNote": { zh: "已离开 {date}，{note}", en: "left {date}: {note}" },
  "staff.movedTo": { zh: "已调往{branch}", en: "moved to {branch}" },
  "severity.error": { zh: "错误", en: "error" },
  "severity.warning": { zh: "警告", en: "warning" },
  ...enumLabels("gender.", "gender", {
    F: "female",
    M: "male",
  }),
  ...enumLabels("competitor.", "competitor", {
    securities: "securities firm",
    insurance: "insurer",
    fund: "fund company",
    bank: "bank",
    other: "other",
  }),
  ...enumLabels("event.", "event", {
    large_movement: "large movement of funds",
    maturity: "product paid out at maturity",
    life_event: "life event",
    complaint: "complaint",
    other: "other",
  }),
  ...enumLabels("level.", "level", {
    sub_branch: "sub-branch",
    city_branch: "city branch",
  }),
  ...enumLabels("done.", "done", {
    prospect_followup: "prospect follow-up",
    maturity: "maturity",
    large_movement: "large movement",
    complaint: "complaint",
    care_call: "care call",
  }),
} satisfies Record<string, Bilingual>;
