€import Announcement from "../../models/Announcement";
import { getIO } from "../../libs/socket";

interface Data {
  priority: string;
  title: string;
  text: string;
  status: string;
  companyId: number;
}

const CreateService = async (data: Data): Promise<Announcement> => {
  const record = await Announcement.create(data);

  // Announcements go to every company by design (allowGlobal in the catalog).
  const io = getIO();
  io.emit("company-announcement", {
    action: "create",
    record
  });

  return record;
};

export default CreateService;
