€import { Request, Response } from "express";
import { getIO } from "../libs/socket";
import Ticket from "../models/Ticket";

// Called by the WhatsApp Cloud API bridge, which has no user session.
export const receive = async (req: Request, res: Response): Promise<Response> => {
  const { token } = req.headers;
  if (token !== process.env.BRIDGE_TOKEN) {
    return res.status(401).send();
  }

  const ticket = await Ticket.findByPk(req.body.ticketId);
  if (!ticket) {
    return res.status(404).send();
  }

  getIO()
    .of(`/workspace-${req.body.companyId}`)
    .emit(`company-${ticket.companyId}-ticket`, {
      action: "update",
      ticket,
      companyId: ticket.companyId,
      userId: null,
      timestamp: new Date().toISOString()
    });

  return res.status(200).send();
};
