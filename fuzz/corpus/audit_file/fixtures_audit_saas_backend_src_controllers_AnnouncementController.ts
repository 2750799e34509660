€import { Request, Response } from "express";
import { getIO } from "../libs/socket";
import CreateService from "../services/AnnouncementService/CreateService";

export const store = async (req: Request, res: Response): Promise<Response> => {
  const record = await CreateService(req.body);

  // Platform-wide on purpose: every company sees the super admin's announcement.
  const io = getIO();
  io.emit("company-announcement", { action: "create", record });

  return res.status(200).json(record);
};

export const maintenance = async (req: Request, res: Response): Promise<Response> => {
  const { startsAt, endsAt } = req.body;
  // chatia-socket-ignore global-emit, event-name, payload-fields: the maintenance banner goes to every company on purpose (ops runbook 12)
  getIO().emit("maintenance", { startsAt, endsAt });
  return res.status(204).send();
};

export const forceLogout = async (req: Request, res: Response): Promise<Response> => {
  // chatia-socket-ignore global-emit
  getIO().emit("company-forceLogout", { reason: req.body.reason });
  return res.status(204).send();
};
