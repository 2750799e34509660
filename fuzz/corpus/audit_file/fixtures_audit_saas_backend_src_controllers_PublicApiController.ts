€import { Request, Response } from "express";
import * as Yup from "yup";
import AppError from "../errors/AppError";
import Contact from "../models/Contact";
import { companyNamespace, emitToCompanyNamespace, nowIso } from "../helpers/socketEmit";
import FindOrCreateTicketService from "../services/TicketServices/FindOrCreateTicketService";

// Public endpoints of the website chat widget: no user session, only the widget key.
export const widgetMessage = async (req: Request, res: Response): Promise<Response> => {
  const schema = Yup.object().shape({ name: Yup.string().required(), body: Yup.string().required() });
  try {
    await schema.validate(req.body);
  } catch (err: any) {
    throw new AppError(err.message);
  }

  const companyId = Number(req.query.companyId);
  const { name, number, body } = req.body;

  const [contact] = await Contact.findOrCreate({ where: { number, companyId }, defaults: { name, number, companyId } });
  const ticket = await FindOrCreateTicketService(contact, companyId);

  emitToCompanyNamespace(companyId, `company-${companyId}-appMessage`, {
    action: "create",
    message: { body, fromMe: false, ticketId: ticket.id },
    companyId,
    userId: null,
    timestamp: nowIso()
  });

  return res.status(200).json({ ok: true });
};

export const widgetTyping = async (req: Request, res: Response): Promise<Response> => {
  const { companyId, ticketId } = req.params;

  companyNamespace(Number(companyId))
    .to(`ticket-${ticketId}`)
    .emit(`company-${companyId}-presence`, {
      action: "update",
      ticketId,
      companyId,
      userId: null,
      timestamp: nowIso()
    });

  return res.status(204).send();
};
