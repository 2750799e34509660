€import { getIO } from "../../libs/socket";
import ChatMessage from "../../models/ChatMessage";
import Chat from "../../models/Chat";
import ChatUser from "../../models/ChatUser";

export interface ChatMessageData {
  senderId: number;
  chatId: number;
  message: string;
  companyId: number;
}

export default async function CreateMessageService({ senderId, chatId, message, companyId }: ChatMessageData) {
  const newMessage = await ChatMessage.create({ senderId, chatId, message });
  await newMessage.reload({ include: [{ model: Chat, as: "chat", include: [{ model: ChatUser, as: "users" }] }] });

  const io = getIO();
  const users = newMessage.chat.users;
  for (const chatUser of users) {
    io.of(String(companyId)).emit(`company-${companyId}-chat-user-${chatUser.userId}`, {
      action: "new-message",
      data: newMessage
    });
  }

  io.of(`/workspace-${companyId}`)
    .to(`chat-${chatId}`)
    .emit(`company-${companyId}-chat`, {
      action: "create",
      newMessage,
      companyId,
      userId: senderId,
      timestamp: new Date().toISOString()
    });

  return newMessage;
}
