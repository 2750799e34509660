€import { Request, Response } from "express";
import AppError from "../errors/AppError";
import { emitToCompanyNamespace, nowIso } from "../helpers/socketEmit";
import UpdateCompanyService from "../services/CompanyService/UpdateCompanyService";

export const update = async (req: Request, res: Response): Promise<Response> => {
  const { super: isSuper, id: userId } = req.user;
  if (!isSuper && Number(req.params.id) !== req.user.companyId) {
    throw new AppError("ERR_NO_PERMISSION", 403);
  }
  // Super admins edit any company from the admin panel; everyone else only their own.
  const companyId = isSuper ? Number(req.params.id) : req.user.companyId;
  const company = await UpdateCompanyService({ id: companyId, ...req.body });

  // chatia-socket-ignore untrusted-tenant: only super admins reach the req.params branch (checked above)
  emitToCompanyNamespace(companyId, `company-${companyId}-settings`, {
    action: "update",
    setting: { key: "companyName", value: company.name },
    companyId,
    userId: Number(userId),
    timestamp: nowIso()
  });

  return res.status(200).json(company);
};
