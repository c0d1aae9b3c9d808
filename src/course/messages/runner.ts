// kubelings' own words: the course runner (progress, course loading, list, lesson, hints, menu).
// Every key in both languages (the type keeps zh complete).
export const en = {
  'progress.newer': 'Your progress file ({file}) was written by a newer kubelings. Upgrade kubelings to go on; the file is left as it is.',
  'progress.corrupt': 'Your progress file {file} was damaged and could not be read; it was moved aside to {aside} (nothing was deleted).',
  'progress.restored': 'Your progress was restored from the backup {file}.',
  'progress.fresh': 'There was no sound backup, so progress starts afresh; your exercise files are untouched.',
  'progress.locked': 'Another kubelings command is updating your progress ({file}); try again in a moment.',
  'course.notFound': 'There is no kubelings course in {dir} (a course has a lessons/ folder).',
  'exercise.unknown': 'There is no exercise "{id}". `kubelings list` shows them all.',
  'lesson.unknown': 'There is no lesson "{id}". `kubelings list` shows them all.',
}

export const zh: Record<keyof typeof en, string> = {
  'progress.newer': '你的进度文件（{file}）由更新版本的 kubelings 写入。请升级 kubelings 后继续；该文件保持原样。',
  'progress.corrupt': '你的进度文件 {file} 已损坏，无法读取；它已被移到 {aside}（没有删除任何内容）。',
  'progress.restored': '已从备份 {file} 恢复你的进度。',
  'progress.fresh': '没有可用的备份，进度将重新开始；你的练习文件没有改动。',
  'progress.locked': '另一个 kubelings 命令正在更新你的进度（{file}）；请稍后再试。',
  'course.notFound': '{dir} 中没有 kubelings 课程（课程包含 lessons/ 目录）。',
  'exercise.unknown': '没有名为 “{id}” 的练习。运行 `kubelings list` 查看全部练习。',
  'lesson.unknown': '没有名为 “{id}” 的课程。运行 `kubelings list` 查看全部课程。',
}
