�import * as Yup from "yup";
import AppError from "../../errors/AppError";
import ShowUserService from "./ShowUserService";
import Company from "../../models/Company";
import User from "../../models/User";
import { getIO } from "../../libs/socket";

interface UserData {
  email?: string;
  password?: string;
  name?: string;
  profile?: string;
  companyId?: number;
  queueIds?: number[];
  whatsappId?: number;
}

interface Request {
  userData: UserData;
  userId: string | number;
  companyId: number;
  requestUserId: number;
}

const UpdateUserService = async ({ userData, userId, companyId, requestUserId }: Request) => {
  const user = await ShowUserService(userId);

  const requestUser = await User.findByPk(requestUserId);
  if (requestUser?.super === false && userData.companyId !== companyId) {
    throw new AppError("O usuário não pertence à esta empresa");
  }

  const schema = Yup.object().shape({ name: Yup.string().min(2), email: Yup.string().email() });
  const { email, password, profile, name, queueIds = [], whatsappId } = userData;
  try {
    await schema.validate({ email, password, profile, name });
  } catch (err: any) {
    throw new AppError(err.message);
  }

  await user.update({ email, password, profile, name, whatsappId: whatsappId || null });
  await user.$set("queues", queueIds);
  await user.reload();

  const company = await Company.findByPk(user.companyId);
  const serializedUser = {
    id: user.id,
    name: user.name,
    email: user.email,
    profile: user.profile,
    companyId: user.companyId,
    company,
    queues: user.queues
  };

  const io = getIO();
  io.of(`/workspace-${company?.id}`).emit(`company-${user.companyId}-user`, {
    action: "update",
    user: serializedUser,
    companyId: user.companyId,
    userId: requestUserId,
    timestamp: new Date().toISOString()
  });

  return serializedUser;
};

export default UpdateUserService;
