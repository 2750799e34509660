€import { getIO } from "../../libs/socket";
import Contact from "../../models/Contact";

interface ExtraInfo {
  name: string;
  value: string;
}

interface Request {
  name: string;
  number: string;
  isGroup: boolean;
  email?: string;
  profilePicUrl?: string;
  companyId: number;
  extraInfo?: ExtraInfo[];
}

const CreateOrUpdateContactService = async ({
  name,
  number: rawNumber,
  profilePicUrl,
  isGroup,
  email = "",
  companyId,
  extraInfo = []
}: Request): Promise<Contact> => {
  const number = isGroup ? rawNumber : rawNumber.replace(/[^0-9]/g, "");
  const io = getIO();
  let contact: Contact | null;

  contact = await Contact.findOne({ where: { number, companyId } });

  if (contact) {
    contact.update({ profilePicUrl });
    io.emit(`company-${companyId}-contact`, {
      action: "update",
      contact
    });
  } else {
    contact = await Contact.create({ name, number, profilePicUrl, email, isGroup, extraInfo, companyId });
    io.of(`/workspace-${companyId}`).emit(`company-${companyId}-contact`, {
      action: "create",
      contact,
      companyId,
      userId: null,
      timestamp: new Date().toISOString()
    });
  }

  return contact;
};

export default CreateOrUpdateContactService;
