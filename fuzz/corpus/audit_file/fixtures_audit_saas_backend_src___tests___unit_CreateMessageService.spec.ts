€import { getIO } from "../../libs/socket";
import CreateMessageService from "../../services/MessageServices/CreateMessageService";

jest.mock("../../libs/socket");

describe("CreateMessageService", () => {
  it("emits on the company namespace", async () => {
    const emit = jest.fn();
    (getIO as jest.Mock).mockReturnValue({ of: () => ({ to: () => ({ to: () => ({ emit }) }) }) });
    await CreateMessageService({ messageData: { id: "1", ticketId: 1, body: "hi" }, companyId: 1 });
    getIO().emit("company-1-ticket", {});
    expect(emit).toHaveBeenCalledWith("company-1-appMessage", expect.anything());
  });
});
