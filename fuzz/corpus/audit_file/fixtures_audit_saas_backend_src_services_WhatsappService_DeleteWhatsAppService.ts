€import Whatsapp from "../../models/Whatsapp";
import AppError from "../../errors/AppError";
import { getIO } from "../../libs/socket";

const DeleteWhatsAppService = async (whatsappId: string, companyId: number): Promise<void> => {
  const whatsapp = await Whatsapp.findOne({ where: { id: whatsappId, companyId } });
  if (!whatsapp) {
    throw new AppError("ERR_NO_WAPP_FOUND", 404);
  }
  await whatsapp.destroy();

  const io = getIO();
  const legacyNs = io.of(`/${companyId}`); // chatia-socket-ignore namespace-name: mobile 1.x listens on /<companyId> until 2.x ships
  legacyNs.emit(`company-${companyId}-whatsapp`, {
    action: "delete",
    whatsappId: +whatsappId,
    companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });
};

export default DeleteWhatsAppService;
