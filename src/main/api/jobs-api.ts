import type { JobView } from '../../shared/model/jobs'
import type { JobRunner } from '../jobs/job-runner'
import { emptyArg, jobIdArg } from './schemas'
import { parseArg } from './validate'

export function createJobsApi(jobs: JobRunner) {
  return {
    async listJobs(arg: unknown): Promise<JobView[]> {
      parseArg(emptyArg, arg)
      return jobs.list()
    },
    async getJob(arg: unknown): Promise<JobView> {
      return jobs.get(parseArg(jobIdArg, arg).id)
    },
    async cancelJob(arg: unknown): Promise<JobView> {
      return jobs.cancel(parseArg(jobIdArg, arg).id)
    },
  }
}
