€import { Request, Response } from "express";
import { getIO } from "../libs/socket";
import UpdateQueueService from "../services/QueueService/UpdateQueueService";
import DeleteQueueService from "../services/QueueService/DeleteQueueService";

export const update = async (req: Request, res: Response): Promise<Response> => {
  const { queueId } = req.params;
  const { companyId, id: userId } = req.user;

  const queue = await UpdateQueueService(queueId, req.body, companyId);

  const io = getIO();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-queue`, {
    action: "update",
    queue,
    companyId: +companyId,
    userId: +userId,
    timestamp: new Date().toISOString()
  });

  return res.status(201).json(queue);
};

export const remove = async (req: Request, res: Response): Promise<Response> => {
  const { queueId } = req.params;
  const { companyId, id: userId } = req.user;

  await DeleteQueueService(queueId, companyId);

  const io = getIO();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-queue`, {
    action: "delete",
    queueId: +queueId,
    companyId: +companyId,
    userId: +userId,
    timestamp: new Date().toISOString()
  });

  return res.status(200).send();
};
