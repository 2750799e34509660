€import { getIO } from "../../libs/socket";
import Chat from "../../models/Chat";
import ChatMessage from "../../models/ChatMessage";
import ChatUser from "../../models/ChatUser";
import User from "../../models/User";

export interface ChatMessageData {
  senderId: number;
  chatId: number;
  message: string;
}

export default async function CreateMessageService({ senderId, chatId, message }: ChatMessageData): Promise<ChatMessage> {
  const newMessage = await ChatMessage.create({ senderId, chatId, message });
  await newMessage.reload({
    include: [
      { model: User, as: "sender", attributes: ["id", "name"] },
      { model: Chat, as: "chat", include: [{ model: ChatUser, as: "users" }] }
    ]
  });

  const sender = await User.findByPk(senderId);
  await newMessage.chat.update({ lastMessage: `${sender?.name}: ${message}` });

  const chat = await Chat.findByPk(chatId, { include: [{ model: ChatUser, as: "users" }] });
  const { companyId } = chat!;

  const io = getIO();
  chat!.users.forEach(chatUser => {
    io.of(`/workspace-${companyId}`).emit(`company-${companyId}-chat-user-${chatUser.userId}`, {
      action: "new-message",
      chatId,
      companyId,
      userId: senderId,
      timestamp: new Date().toISOString()
    });
  });

  io.of(`/workspace-${companyId}`)
    .to(`chat-${chatId}`)
    .emit(`company-${companyId}-chat`, {
      action: "new-message",
      newMessage,
      chat,
      companyId,
      userId: senderId,
      timestamp: new Date().toISOString()
    });

  return newMessage;
}
