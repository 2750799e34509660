€import { Request, Response } from "express";
import { emitToCompanyNamespace } from "../libs/socket";
import CreateOrUpdateContactService from "../services/ContactServices/CreateOrUpdateContactService";

// Public API used by integrations: authenticated by a per-company token.
export const index = async (req: Request, res: Response): Promise<Response> => {
  const { number, name } = req.body;
  const companyId = Number(req.params.companyId);

  const contact = await CreateOrUpdateContactService({ name, number, isGroup: false, companyId });

  emitToCompanyNamespace(companyId, `company-${companyId}-contact`, {
    action: "update",
    contact,
    companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });

  return res.json(contact);
};
