€import * as Yup from "yup";
import AppError from "../../errors/AppError";
import Whatsapp from "../../models/Whatsapp";
import ShowWhatsAppService from "./ShowWhatsAppService";
import AssociateWhatsappQueue from "./AssociateWhatsappQueue";
import { getIO } from "../../libs/socket";

interface WhatsappData {
  name?: string;
  status?: string;
  isDefault?: boolean;
  greetingMessage?: string;
  farewellMessage?: string;
  queueIds?: number[];
}

interface Request {
  whatsappData: WhatsappData;
  whatsappId: string;
  companyId: number;
  requestUserId: number;
}

const UpdateWhatsAppService = async ({ whatsappData, whatsappId, companyId, requestUserId }: Request): Promise<Whatsapp> => {
  const schema = Yup.object().shape({ name: Yup.string().min(2) });
  const { name, status, isDefault, greetingMessage, farewellMessage, queueIds = [] } = whatsappData;
  try {
    await schema.validate({ name, status, isDefault });
  } catch (err: any) {
    throw new AppError(err.message);
  }

  if (isDefault) {
    await Whatsapp.update({ isDefault: false }, { where: { isDefault: true, companyId } });
  }

  const whatsapp = await ShowWhatsAppService(whatsappId, companyId);
  await whatsapp.update({ name, status, isDefault, greetingMessage, farewellMessage });
  await AssociateWhatsappQueue(whatsapp, queueIds);

  const io = getIO();
  io.of(`/${whatsapp.companyId}`).emit(`company-${whatsapp.companyId}-whatsapp`, {
    action: "update",
    whatsapp,
    companyId: whatsapp.companyId,
    userId: requestUserId,
    timestamp: new Date().toISOString()
  });

  return whatsapp;
};

export default UpdateWhatsAppService;
