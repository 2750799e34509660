€import { Table, Column, CreatedAt, UpdatedAt, Model, PrimaryKey, ForeignKey, BelongsTo, AutoIncrement, Default } from "sequelize-typescript";
import Contact from "./Contact";
import User from "./User";
import Company from "./Company";

@Table
class Ticket extends Model<Ticket> {
  @PrimaryKey
  @AutoIncrement
  @Column
  id: number;

  @Column({ defaultValue: "pending" })
  status: string;

  @Default(0)
  @Column
  unreadMessages: number;

  @ForeignKey(() => User)
  @Column
  userId: number;

  @BelongsTo(() => User)
  user: User;

  @ForeignKey(() => Contact)
  @Column
  contactId: number;

  @BelongsTo(() => Contact)
  contact: Contact;

  @ForeignKey(() => Company)
  @Column
  companyId: number;

  @CreatedAt
  createdAt: Date;

  @UpdatedAt
  updatedAt: Date;
}

export default Ticket;
