"""A few real sentences of the reports and their labels, for doctests and smoke tests.

>>> len(SENTENCES) == len(SENTENCE_LABELS)
True
"""

#: A few real sentences for doctests and smoke tests.
SENTENCES = (
    "全年预计完成区级税收5.60亿元，同比增长13.18%。",
    "建立招商全周期跟踪机制。",
    "精准帮扶提供就业岗位358个。",
    "新增就业岗位200个，职业指导1707次。",
    "全年排查各类隐患6511条，整改率100%。",
    "深化安全隐患有奖举报机制。",
    "在284个党组织、9700余名党员中全覆盖开展党史学习教育。",
    "坚持党管武装，有效落实民兵整组任务。",
    "高标准建设街道城运中心。",
    "创建成功21个绿色社区。",
    "各位代表：",
    "一年来，我们主要做了以下工作：",
)
SENTENCE_LABELS = (
    "economy",
    "economy",
    "livelihood",
    "livelihood",
    "safety",
    "safety",
    "party",
    "party",
    "governance",
    "governance",
    "other",
    "other",
)
