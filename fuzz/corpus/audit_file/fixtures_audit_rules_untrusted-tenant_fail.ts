€import { Request, Response } from "express";
import { getIO } from "../libs/socket";

export const store = async (req: Request, res: Response) => {
  const { companyId } = req.body;
  getIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {}); // expect: untrusted-tenant
  getIO().of(`/workspace-${req.params.companyId}`).emit("x", {}); // expect: untrusted-tenant
  const tenant = Number(req.headers["x-company-id"]);
  getIO().of(`/workspace-${tenant}`).emit(`company-${tenant}-ticket`, {}); // expect: untrusted-tenant
  return res.json({});
};
