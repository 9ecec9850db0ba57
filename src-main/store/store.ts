import { ApprovalsRepo } from './approvals-repo.js';
import { ChangesRepo } from './changes-repo.js';
import { openDatabase, type Db } from './database.js';
import { RunsRepo } from './runs-repo.js';
import { StepsRepo } from './steps-repo.js';
import { VerificationsRepo } from './verifications-repo.js';

/** The database and its repositories, opened together and closed together. */
export class Store {
  readonly runs: RunsRepo;
  readonly changes: ChangesRepo;
  readonly approvals: ApprovalsRepo;
  readonly verifications: VerificationsRepo;
  readonly steps: StepsRepo;

  constructor(
    readonly db: Db,
    readonly file: string,
  ) {
    this.runs = new RunsRepo(db);
    this.changes = new ChangesRepo(db);
    this.approvals = new ApprovalsRepo(db);
    this.verifications = new VerificationsRepo(db);
    this.steps = new StepsRepo(db);
  }

  static open(file: string): Store {
    return new Store(openDatabase(file), file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
