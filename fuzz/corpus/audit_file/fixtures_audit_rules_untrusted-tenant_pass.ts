€import { Request, Response } from "express";
import { getIO } from "../libs/socket";

export const store = async (req: Request, res: Response) => {
  const { companyId } = req.user;
  const { body } = req.body;
  getIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { body });
  return res.json({});
};
