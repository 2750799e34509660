€import * as Yup from "yup";
import { Request, Response } from "express";
import { getIO } from "../libs/socket";
import AppError from "../errors/AppError";
import CreateService from "../services/QuickMessageService/CreateService";
import UpdateService from "../services/QuickMessageService/UpdateService";
import DeleteService from "../services/QuickMessageService/DeleteService";

type StoreData = {
  shortcode: string;
  message: string;
  userId: number | string;
  geral: boolean;
};

export const store = async (req: Request, res: Response): Promise<Response> => {
  const { companyId, id: userId } = req.user;
  const data = req.body as StoreData;

  const schema = Yup.object().shape({
    shortcode: Yup.string().required(),
    message: Yup.string().required()
  });
  try {
    await schema.validate(data);
  } catch (err: any) {
    throw new AppError(err.message);
  }

  const record = await CreateService({ ...data, companyId, userId: Number(userId) });

  const io = getIO();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-quickemessage`, {
    action: "create",
    record,
    companyId,
    userId: Number(userId),
    timestamp: new Date().toISOString()
  });

  return res.status(200).json(record);
};

export const update = async (req: Request, res: Response): Promise<Response> => {
  const data = req.body as StoreData;
  const { companyId, id: userId } = req.user;
  const { id } = req.params;

  const record = await UpdateService({ ...data, userId: Number(userId), id });

  getIO()
    .of(`/workspace-${companyId}`)
    .emit(`company-${companyId}-quickMessage`, {
      action: "update",
      record,
      companyId,
      userId: Number(userId),
      timestamp: new Date().toISOString()
    });

  return res.status(200).json(record);
};

export const remove = async (req: Request, res: Response): Promise<Response> => {
  const { id } = req.params;
  const { companyId, id: userId } = req.user;

  await DeleteService(id);

  getIO()
    .of(`/workspace-${companyId}`)
    .emit(`company-${companyId}-quickMessage`, {
      action: "remove",
      id,
      companyId,
      userId: Number(userId),
      timestamp: new Date().toISOString()
    });

  return res.status(200).json({ message: "Quick message deleted" });
};
