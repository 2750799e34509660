€import { Request, Response } from "express";
import { getIO } from "../libs/socket";
import AuthUserService from "../services/UserServices/AuthUserService";
import { SendRefreshToken } from "../helpers/SendRefreshToken";

export const store = async (req: Request, res: Response): Promise<Response> => {
  const { email, password } = req.body;

  const { token, serializedUser, refreshToken } = await AuthUserService({ email, password });

  SendRefreshToken(res, refreshToken);

  // One session per user: other tabs of this user log out.
  const io = getIO();
  io.sockets.emit("company-" + serializedUser.companyId + "-auth", {
    action: "update",
    user: { id: serializedUser.id, email: serializedUser.email, companyId: serializedUser.companyId }
  });

  return res.status(200).json({ token, user: serializedUser });
};

export const remove = async (req: Request, res: Response): Promise<Response> => {
  res.clearCookie("jrt");
  return res.send();
};
