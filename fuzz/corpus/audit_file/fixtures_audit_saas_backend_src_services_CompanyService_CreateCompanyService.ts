€import * as Yup from "yup";
import AppError from "../../errors/AppError";
import Company from "../../models/Company";
import User from "../../models/User";
import Setting from "../../models/Setting";
import { getIO } from "../../libs/socket";

interface CompanyData {
  name: string;
  phone?: string;
  email?: string;
  password?: string;
  planId?: number;
}

const PLATFORM_COMPANY_ID = 1;

const CreateCompanyService = async (companyData: CompanyData): Promise<Company> => {
  const { name, phone, email, password, planId } = companyData;

  const companySchema = Yup.object().shape({ name: Yup.string().min(2).required() });
  try {
    await companySchema.validate({ name });
  } catch (err: any) {
    throw new AppError(err.message);
  }

  const company = await Company.create({ name, phone, email, planId, status: true });
  const user = await User.create({
    name: company.name,
    email: company.email,
    password,
    profile: "admin",
    companyId: company.id
  });
  await Setting.bulkCreate([
    { key: "userRating", value: "disabled", companyId: company.id },
    { key: "call", value: "disabled", companyId: company.id }
  ]);

  // The platform admins (company 1) watch sign-ups live.
  getIO()
    .of("/workspace-1")
    .emit("company-1-user", {
      action: "create",
      user,
      companyId: PLATFORM_COMPANY_ID,
      userId: user.id,
      timestamp: new Date().toISOString()
    });

  return company;
};

export default CreateCompanyService;
