€import * as SocketEmitter from "../../helpers/socketEmit";
import Tag from "../../models/Tag";
import TicketTag from "../../models/TicketTag";

interface Request {
  ticketId: number;
  tags: { id: number; name: string }[];
  companyId: number;
  userId: number;
}

const SyncTagsService = async ({ ticketId, tags, companyId, userId }: Request): Promise<Tag[]> => {
  await TicketTag.destroy({ where: { ticketId } });
  await TicketTag.bulkCreate(tags.map(tag => ({ ticketId, tagId: tag.id })));
  const updated = await Tag.findAll({ where: { id: tags.map(tag => tag.id), companyId } });

  SocketEmitter.emitToCompanyNamespace(companyId, `company-${companyId}-tags`, {
    action: "update",
    tags: updated,
    ticketId,
    companyId,
    userId,
    timestamp: SocketEmitter.nowIso()
  });

  return updated;
};

export default SyncTagsService;
