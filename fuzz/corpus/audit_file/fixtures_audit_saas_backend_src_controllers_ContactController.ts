€import { Request, Response } from "express";
import { emitToCompanyNamespace, nowIso } from "../helpers/socketEmit";
import CreateContactService from "../services/ContactServices/CreateContactService";
import UpdateContactService from "../services/ContactServices/UpdateContactService";
import ShowContactService from "../services/ContactServices/ShowContactService";
import DeleteContactService from "../services/ContactServices/DeleteContactService";

interface ContactData {
  name: string;
  number: string;
  email?: string;
  extraInfo?: { name: string; value: string }[];
}

export const store = async (req: Request, res: Response): Promise<Response> => {
  const { companyId, id: userId } = req.user;
  const newContact: ContactData = req.body;
  newContact.number = newContact.number.replace("-", "").replace(" ", "");

  const contact = await CreateContactService({ ...newContact, companyId });

  emitToCompanyNamespace(companyId, `company-${companyId}-contact`, {
    action: "create",
    contact,
    companyId,
    userId: Number(userId),
    timestamp: nowIso()
  });

  return res.status(200).json(contact);
};

export const update = async (req: Request, res: Response): Promise<Response> => {
  const contactData: ContactData = req.body;
  const { companyId, id: userId } = req.user;
  const { contactId } = req.params;

  const contact = await UpdateContactService({ contactData, contactId, companyId });

  emitToCompanyNamespace(companyId, `company-${companyId}-contact`, {
    action: "update",
    contact,
    companyId: contact.companyId,
    userId: Number(userId),
    timestamp: nowIso()
  });

  return res.status(200).json(contact);
};

export const remove = async (req: Request, res: Response): Promise<Response> => {
  const { contactId } = req.params;
  const { companyId, id: userId } = req.user;

  await ShowContactService(contactId, companyId);
  await DeleteContactService(contactId);

  emitToCompanyNamespace(companyId, `company-${companyId}-contact`, {
    action: "delete",
    contactId: Number(contactId),
    companyId,
    userId: Number(userId),
    timestamp: nowIso()
  });

  return res.status(200).json({ message: "Contact deleted" });
};
