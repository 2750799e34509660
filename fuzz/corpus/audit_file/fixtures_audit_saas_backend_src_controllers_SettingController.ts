€import { Request, Response } from "express";
import { getIO } from "../libs/socket";
import AppError from "../errors/AppError";
import UpdateSettingService from "../services/SettingServices/UpdateSettingService";
import ListSettingsService from "../services/SettingServices/ListSettingsService";

export const index = async (req: Request, res: Response): Promise<Response> => {
  const { companyId } = req.user;
  const settings = await ListSettingsService({ companyId });
  return res.status(200).json(settings);
};

export const update = async (req: Request, res: Response): Promise<Response> => {
  const { companyId, profile } = req.user;
  if (profile !== "admin") {
    throw new AppError("ERR_NO_PERMISSION", 403);
  }
  const { settingKey: key } = req.params;
  const { value } = req.body;

  const setting = await UpdateSettingService({ key, value, companyId });

  const io = getIO();
  io?.of(`/workspace-${companyId}`)?.emit(`company-${companyId}-settings`, {
    action: "update",
    setting,
    companyId,
    userId: Number(req.user.id),
    timestamp: new Date().toISOString()
  });

  return res.status(200).json(setting);
};
